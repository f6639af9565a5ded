import os

from openai import APIStatusError, OpenAI

client = OpenAI(
    base_url="https://your-aigne-hub-url/api/v1",
    api_key=os.environ["AIGNE_HUB_API_KEY"],
)

# On success, response.parse() gives the ChatCompletion object.
try:
    response = client.chat.completions.with_raw_response.create(
        model="aignehub/gpt-3.5-turbo",
        messages=[
            {
                "role": "user",
                "content": "Hello!",
            },
        ],
    )
except APIStatusError as error:
    response = error.response
print(response.status_code)
print(response.text)
