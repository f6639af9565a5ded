import os

import requests

API_KEY = os.environ["MAIAGENT_API_KEY"]

response = requests.get(
    "https://api.maiagent.ai/api/v1/chatbots/?page=1&pageSize=2",
    headers={"Authorization": f"Api-Key {API_KEY}"},
    timeout=30,
)
print(response.status_code, response.reason)
print(response.text)
