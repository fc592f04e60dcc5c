import { describe, expect, it } from "vitest";
import { createMockClock } from "../src/stateful/clock.js";

describe("the stateful mock's clock", () => {
  it("moves only when advanced, running due tasks in time order, each at its own time", async () => {
    const clock = createMockClock(1_000);
    const ran: string[] = [];
    clock.schedule(1_000 + 3_000, () => void ran.push(`late at ${clock.now()}`));
    clock.schedule(1_000 + 1_000, () => void ran.push(`early at ${clock.now()}`));
    clock.schedule(1_000 + 1_000, () => void ran.push(`early too at ${clock.now()}`));
    expect(clock.now()).toBe(1_000);
    await clock.advance(2_000);
    expect(ran).toEqual(["early at 2000", "early too at 2000"]);
    expect(clock.now()).toBe(3_000);
    expect(clock.pending).toBe(1);
    await clock.advance(5_000);
    expect(ran).toEqual(["early at 2000", "early too at 2000", "late at 4000"]);
    expect(clock.now()).toBe(8_000);
  });

  it("runs tasks scheduled by a task when they fall within the same advance, and cancels", async () => {
    const clock = createMockClock(0);
    const ran: number[] = [];
    clock.schedule(10, () => {
      ran.push(clock.now());
      clock.schedule(20, () => void ran.push(clock.now()));
    });
    const cancel = clock.schedule(15, () => void ran.push(-1));
    cancel();
    await clock.advance(30);
    expect(ran).toEqual([10, 20]);
  });

  it("serialises concurrent advances and refuses a negative or NaN step", async () => {
    const clock = createMockClock(0);
    const ran: number[] = [];
    for (const at of [5, 15, 25]) clock.schedule(at, async () => void ran.push(at));
    await Promise.all([clock.advance(10), clock.advance(10), clock.advance(10)]);
    expect(ran).toEqual([5, 15, 25]);
    expect(clock.now()).toBe(30);
    await expect(clock.advance(-1)).rejects.toThrow(/non-negative/);
    await expect(clock.advance(Number.NaN)).rejects.toThrow(/non-negative/);
  });
});
