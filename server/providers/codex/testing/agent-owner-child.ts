// Test child for agent-owner.int.test.ts: plays a server that starts a marked, detached "agent" (sleep), then dies.
// argv[2]: "throw" (uncaught exception: the exit hook must end the agent) or "hang" (waits to be SIGKILLed).
import { spawn } from "node:child_process";
import { AGENT_OWNER_ENV, killGroupOnExit, ownerMarker } from "../agent-owner.js";

const agent = spawn("sleep", ["60"], {
  detached: true,
  stdio: "ignore",
  env: { ...process.env, [AGENT_OWNER_ENV]: ownerMarker() },
});
if (agent.pid === undefined) throw new Error("could not start the stand-in agent");
killGroupOnExit(agent.pid);
process.stdout.write(`${process.pid} ${agent.pid}\n`);
if (process.argv[2] === "throw") {
  setTimeout(() => {
    throw new Error("the server crashed");
  }, 50);
} else {
  setInterval(() => undefined, 1000);
}
