import fc from "fast-check";
import type { SlotsEvent } from "./slots.js";

/** Streams of slot events; gives name slots that are mostly taken, sometimes not. */
export const slotEvents = (maxLength = 300): fc.Arbitrary<SlotsEvent[]> =>
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.constant<SlotsEvent>({ op: "take" }) },
      { weight: 4, arbitrary: fc.nat(63).map<SlotsEvent>((slot) => ({ op: "give", slot })) },
      { weight: 1, arbitrary: fc.constant<SlotsEvent>({ op: "tick" }) },
    ),
    { maxLength },
  );
