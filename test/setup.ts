// Tests run with every expensive check on: states deep-frozen, invariants after every event.
import { setChecks } from "@pagefold/engine";

setChecks({ freeze: true, invariantsEveryEvent: true });
