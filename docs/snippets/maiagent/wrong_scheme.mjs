const BASE_URL = "https://api.maiagent.ai/api/v1";
const apiKey = process.env.MAIAGENT_API_KEY;

// Wrong scheme: "Bearer" instead of "Api-Key", so the API answers 401.
const response = await fetch(`${BASE_URL}/chatbots/`, {
  headers: { Authorization: `Bearer ${apiKey}` },
});
console.log(response.status);
console.log(JSON.stringify(await response.json(), null, 2));
