import json
import os

import requests

BASE_URL = "https://api.maiagent.ai/api/v1"
API_KEY = os.environ["MAIAGENT_API_KEY"]
KNOWLEDGE_BASE_ID = "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01"

# An empty body: the API answers 400 and names each missing field.
response = requests.post(
    f"{BASE_URL}/knowledge-bases/{KNOWLEDGE_BASE_ID}/files/",
    headers={"Authorization": f"Api-Key {API_KEY}"},
    json={},
    timeout=30,
)
print(response.status_code)
print(json.dumps(response.json(), indent=2, ensure_ascii=False))
