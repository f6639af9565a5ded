BASE_URL=https://api.maiagent.ai/api/v1

curl -sS "$BASE_URL/chatbots/" \
  -H "Authorization: Api-Key $MAIAGENT_API_KEY" \
  -w '\n%{http_code}\n'
