curl -sS -X POST 'https://your-aigne-hub-url/api/v1/chat/completions' \
  -H "Authorization: Bearer $AIGNE_HUB_API_KEY" \
  -H 'Content-Type: application/json' \
  --data-raw '{
  "model": "aignehub/gpt-3.5-turbo",
  "messages": [
    {
      "role": "user",
      "content": "Hello!"
    }
  ]
}' \
  -w '\n%{http_code}\n'
