import { partialStateServer } from "../robustness/servers";
import { runVerify } from "../robustness/runVerify";

// A run that gives up while setting up entities leaves nothing behind on the target:
// setups still under way are waited for and torn down, and no request follows the run.

jest.setTimeout(30_000);

it("when one state cannot be set up, the others that were are torn down before the run ends", async () => {
  const server = await partialStateServer("an industryData run exists", 300);
  try {
    const run = await runVerify(["--base-url", server.baseUrl, "--token", "tok-states-4711", "--cases", "1", "--timeout-ms", "2000"]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('could not set up "an industryData run exists" (answered 500)');
    const requestsAtEnd = server.requests;
    const setUp = server.stateCalls.filter((call) => call.action === "setup" && call.status === 200);
    expect(setUp.length).toBeGreaterThan(0);
    const tornDown = server.stateCalls.filter((call) => call.action === "teardown").map((call) => call.id);
    expect(tornDown.sort()).toEqual(setUp.map((call) => call.id).sort());
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(server.requests).toBe(requestsAtEnd);
  } finally {
    await server.close();
  }
});
