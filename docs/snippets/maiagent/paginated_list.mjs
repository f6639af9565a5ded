const BASE_URL = "https://api.maiagent.ai/api/v1";
const apiKey = process.env.MAIAGENT_API_KEY;

const params = new URLSearchParams({ page: "1", pageSize: "2" });
const response = await fetch(`${BASE_URL}/chatbots/?${params}`, {
  headers: { Authorization: `Api-Key ${apiKey}` },
});
console.log(response.status);
console.log(JSON.stringify(await response.json(), null, 2));
