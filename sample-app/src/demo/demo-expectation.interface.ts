import type { ReceivedRequest } from './demo-receiver';

/** `count` deliveries of `topic` must reach webhook `hook`. */
export interface DemoExpectation {
  hook: string;
  topic: string;
  count: number;
}

/** A content check on what one webhook received. */
export interface DemoCheck {
  hook: string;
  description: string;
  passes: (accepted: ReceivedRequest[], all: ReceivedRequest[]) => boolean;
}

/** What the tour did and what must arrive because of it. */
export interface DemoPlan {
  expectations: DemoExpectation[];
  checks: DemoCheck[];
}
