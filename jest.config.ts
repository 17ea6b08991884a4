/** @jest-config-loader esbuild-register */
import type { Config } from "jest";

// ts-jest only transpiles (tsconfig isolatedModules); `npm run typecheck` is the type gate.
const transform: Config["transform"] = { "^.+\\.ts$": "ts-jest" };

const shared: Config = {
  testEnvironment: "node",
  transform,
  moduleFileExtensions: ["ts", "js", "json"],
};

// Consumer specs write Pact files; they run first and alone (`npm test` runs the
// two projects one after the other), so no provider spec reads a half-written pact.
const config: Config = {
  projects: [
    { ...shared, displayName: "consumer", testMatch: ["<rootDir>/specs/**/*.consumer.spec.ts"] },
    {
      ...shared,
      displayName: "suite",
      testMatch: ["<rootDir>/specs/**/*.spec.ts"],
      testPathIgnorePatterns: ["\\.consumer\\.spec\\.ts$"],
    },
  ],
  reporters: ["default", ["jest-junit", { outputDirectory: "reports", outputName: "jest-junit.xml" }]],
};

export default config;
