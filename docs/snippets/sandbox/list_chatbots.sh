curl -sS 'http://127.0.0.1:8000/sandbox/maiagent/api/v1/chatbots/?page=1&pageSize=2' \
  -H 'Authorization: Api-Key demo1234abcd5678'
