curl -sS 'https://api.maiagent.ai/api/v1/chatbots/' \
  -H "Authorization: Api-Key $MAIAGENT_API_KEY" \
  -w '\n%{http_code}\n'
