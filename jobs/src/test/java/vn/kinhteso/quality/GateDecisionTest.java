package vn.kinhteso.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GateDecisionTest {
  @Test
  void allowedHasNoReasonBlockedHasOne() {
    assertTrue(GateDecision.allow().publish());
    assertNull(GateDecision.allow().reason());
    GateDecision blocked = GateDecision.block("2 error check(s) failed");
    assertFalse(blocked.publish());
    assertEquals("2 error check(s) failed", blocked.reason());
  }

  @Test
  void aBlockWithoutReasonOrAnAllowWithOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> GateDecision.block(null));
    assertThrows(IllegalArgumentException.class, () -> new GateDecision(true, "why"));
  }
}
