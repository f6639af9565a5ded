const BASE_URL = "https://api.maiagent.ai/api/v1";
const apiKey = "YOUR_API_KEY"; // never commit a real key

const response = await fetch(`${BASE_URL}/chatbots/`, {
  headers: { Authorization: `Api-Key ${apiKey}` },
});
console.log(response.status);
console.log(JSON.stringify(await response.json(), null, 2));
