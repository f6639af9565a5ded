import json
import os

import requests

BASE_URL = "https://your-aigne-hub-url"
API_KEY = os.environ["AIGNE_HUB_API_KEY"]

response = requests.post(
    f"{BASE_URL}/api/v1/chat/completions",
    headers={"Authorization": f"Bearer {API_KEY}"},
    json={
        "model": "aignehub/gpt-3.5-turbo",
        "messages": [{"role": "user", "content": "Hello!"}],
    },
    timeout=60,
)
print(response.status_code)
print(json.dumps(response.json(), indent=2, ensure_ascii=False))
