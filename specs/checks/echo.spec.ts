import { echoDifferences, instantOf, sameInstant } from "../../src/checks/echo";

describe("instantOf / sameInstant", () => {
  it("compares date-times as instants, whatever their offset", () => {
    expect(sameInstant("2026-03-01T10:00:00+02:00", "2026-03-01T08:00:00Z")).toBe(true);
    expect(sameInstant("2026-03-01T10:00:00.5-01:30", "2026-03-01T11:30:00.500000Z")).toBe(true);
    expect(sameInstant("2026-03-01T10:00:00Z", "2026-03-01T10:00:01Z")).toBe(false);
    expect(sameInstant("2026-03-01T10:00:00.0000001Z", "2026-03-01T10:00:00Z")).toBe(false);
  });

  it("refuses what is not an RFC 3339 date-time", () => {
    expect(instantOf("yesterday")).toBeUndefined();
    expect(instantOf("2026-03-01T10:00:00")).toBeUndefined();
    expect(sameInstant("yesterday", "yesterday")).toBe(false);
  });
});

describe("echoDifferences", () => {
  const dateTimes = new Set(["startDateTime"]);

  it("accepts an echo with the same instant, extra members and the sent members of an object", () => {
    const sent = { startDateTime: "2026-03-01T10:00:00+02:00", statistics: { files: 3 }, "@odata.type": "microsoft.graph.industryData.run" };
    const received = { id: "x", startDateTime: "2026-03-01T08:00:00Z", statistics: { files: 3, extra: true }, "@odata.type": "#microsoft.graph.industryData.run" };
    expect(echoDifferences(sent, received, dateTimes)).toEqual([]);
  });

  it("names each member that differs or is missing", () => {
    const sent = { displayName: "Zürich ✓ 東京", startDateTime: "2026-03-01T10:00:00Z", statistics: { files: 3 }, endDateTime: null };
    const received = { displayName: "Zurich ? ??", startDateTime: "2026-03-01T11:00:00Z", statistics: { files: "3" } };
    expect(echoDifferences(sent, received, dateTimes)).toEqual([
      { path: "$.displayName", sent: "Zürich ✓ 東京", received: "Zurich ? ??" },
      { path: "$.startDateTime", sent: "2026-03-01T10:00:00Z", received: "2026-03-01T11:00:00Z" },
      { path: "$.statistics.files", sent: 3, received: "3" },
      { path: "$.endDateTime", sent: null, received: undefined },
    ]);
  });

  it("compares a non-date-time member as text", () => {
    expect(echoDifferences({ displayName: "2026-03-01T10:00:00+02:00" }, { displayName: "2026-03-01T08:00:00Z" }, dateTimes)).toHaveLength(1);
  });
});
