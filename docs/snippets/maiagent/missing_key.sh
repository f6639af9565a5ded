# No key: this request sends no Authorization header.
curl -sS 'https://api.maiagent.ai/api/v1/chatbots/' \
  -w '\n%{http_code}\n'
