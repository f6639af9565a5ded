from openai import AuthenticationError, OpenAI

BASE_URL = "http://127.0.0.1:8000/sandbox/aigne-hub/api/v1"
MESSAGES = [{"role": "user", "content": "Hello!"}]

client = OpenAI(base_url=BASE_URL, api_key="aigne-demo-key")

completion = client.chat.completions.create(model="aignehub/gpt-3.5-turbo", messages=MESSAGES)
print(completion.choices[0].message.content)

stream = client.chat.completions.create(model="aignehub/gpt-3.5-turbo", messages=MESSAGES, stream=True)
print("".join(chunk.choices[0].delta.content or "" for chunk in stream))

try:
    OpenAI(base_url=BASE_URL, api_key="wrong-key").chat.completions.create(
        model="aignehub/gpt-3.5-turbo", messages=MESSAGES
    )
except AuthenticationError as e:
    print(e.status_code, e.body)
