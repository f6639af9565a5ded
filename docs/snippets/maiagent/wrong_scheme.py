import json
import os

import requests

BASE_URL = "https://api.maiagent.ai/api/v1"
API_KEY = os.environ["MAIAGENT_API_KEY"]

# Wrong scheme: "Bearer" instead of "Api-Key", so the API answers 401.
response = requests.get(
    f"{BASE_URL}/chatbots/",
    headers={"Authorization": f"Bearer {API_KEY}"},
    timeout=30,
)
print(response.status_code)
print(json.dumps(response.json(), indent=2, ensure_ascii=False))
