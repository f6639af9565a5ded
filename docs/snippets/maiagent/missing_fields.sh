BASE_URL=https://api.maiagent.ai/api/v1
KNOWLEDGE_BASE_ID=4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01

# An empty body: the API answers 400 and names each missing field.
curl -sS -X POST "$BASE_URL/knowledge-bases/$KNOWLEDGE_BASE_ID/files/" \
  -H "Authorization: Api-Key $MAIAGENT_API_KEY" \
  -H "Content-Type: application/json" \
  -d '{}' \
  -w '\n%{http_code}\n'
