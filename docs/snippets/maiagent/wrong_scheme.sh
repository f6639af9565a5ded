BASE_URL=https://api.maiagent.ai/api/v1

# Wrong scheme: "Bearer" instead of "Api-Key", so the API answers 401.
curl -sS "$BASE_URL/chatbots/" \
  -H "Authorization: Bearer $MAIAGENT_API_KEY" \
  -w '\n%{http_code}\n'
