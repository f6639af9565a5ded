const BASE_URL = "https://api.maiagent.ai/api/v1";
const apiKey = process.env.MAIAGENT_API_KEY;
const knowledgeBaseId = "4b1f6c2e-8d3a-4e5f-9a7b-1c2d3e4f5a01";

// An empty body: the API answers 400 and names each missing field.
const response = await fetch(`${BASE_URL}/knowledge-bases/${knowledgeBaseId}/files/`, {
  method: "POST",
  headers: { Authorization: `Api-Key ${apiKey}`, "Content-Type": "application/json" },
  body: JSON.stringify({}),
});
console.log(response.status);
console.log(JSON.stringify(await response.json(), null, 2));
