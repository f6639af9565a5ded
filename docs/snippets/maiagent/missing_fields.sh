curl -sS -X POST 'https://api.maiagent.ai/api/v1/knowledge-bases/4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01/files/' \
  -H "Authorization: Api-Key $MAIAGENT_API_KEY" \
  -H 'Content-Type: application/json' \
  --data-raw '{}' \
  -w '\n%{http_code}\n'
