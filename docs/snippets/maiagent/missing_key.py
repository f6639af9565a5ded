import json

import requests

BASE_URL = "https://api.maiagent.ai/api/v1"

# No Authorization header: the API answers 401.
response = requests.get(f"{BASE_URL}/chatbots/", timeout=30)
print(response.status_code)
print(json.dumps(response.json(), indent=2, ensure_ascii=False))
