BASE_URL=https://api.maiagent.ai/api/v1

# No Authorization header: the API answers 401.
curl -sS "$BASE_URL/chatbots/" \
  -w '\n%{http_code}\n'
