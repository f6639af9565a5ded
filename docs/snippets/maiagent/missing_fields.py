import os

import requests

API_KEY = os.environ["MAIAGENT_API_KEY"]

response = requests.post(
    "https://api.maiagent.ai/api/v1/knowledge-bases/4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01/files/",
    headers={"Authorization": f"Api-Key {API_KEY}"},
    json={},
    timeout=30,
)
print(response.status_code, response.reason)
print(response.text)
