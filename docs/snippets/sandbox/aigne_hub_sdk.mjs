import { AIGNEHubChatModel } from "@aigne/aigne-hub";

// The origin only: the SDK asks it where AIGNE Hub is mounted (GET /__blocklet__.js?type=json).
const baseURL = "http://127.0.0.1:8000";
const input = { messages: [{ role: "user", content: "Hello, AIGNE Hub!" }] };

const model = new AIGNEHubChatModel({ baseURL, apiKey: "aigne-demo-key", model: "aignehub/gpt-3.5-turbo" });
const result = await model.invoke(input);
console.log(result.text);

try {
  await new AIGNEHubChatModel({ baseURL, apiKey: "wrong-key", model: "aignehub/gpt-3.5-turbo" }).invoke(input);
} catch (error) {
  console.log(error.message);
}
