import { asGraphUtc } from "../../src/faults/variants";

describe("asGraphUtc, the date-time form of the date-times-as-utc-seven-digits variant", () => {
  it.each([
    ["2026-03-01T10:00:00+01:00", "2026-03-01T09:00:00.0000000+00:00"],
    ["2026-03-01T10:00:00.5Z", "2026-03-01T10:00:00.5000000+00:00"],
    ["2026-12-31T23:30:00.1234567-05:30", "2027-01-01T05:00:00.1234567+00:00"],
    ["2026-03-01T10:00:00.123456789z", "2026-03-01T10:00:00.1234567+00:00"],
  ])("%s → %s (the same instant, to 7 digits)", (sent, answered) => {
    expect(asGraphUtc(sent)).toBe(answered);
  });

  it.each(["yesterday", "2026-13-45T99:00:00Z", ""])("leaves %j, which is no date-time, as it is", (text) => {
    expect(asGraphUtc(text)).toBe(text);
  });
});
