package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Citizen IDs become HMAC-SHA256 pseudonyms, computed with Spark's own sha2 so the work stays
 * in the plan: HMAC(K, m) = H((K xor opad) || H((K xor ipad) || m)). Same key, same pseudonym,
 * so sellers still join across months and platforms.
 */
public final class Pseudonyms {
  public static final String PREFIX = "p:";
  private final byte[] innerPad;
  private final byte[] outerPad;

  public Pseudonyms(byte[] key) {
    byte[] k = key;
    if (k.length > 64) {
      try {
        k = MessageDigest.getInstance("SHA-256").digest(k);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    innerPad = new byte[64];
    outerPad = new byte[64];
    for (int i = 0; i < 64; i++) {
      byte b = i < k.length ? k[i] : 0;
      innerPad[i] = (byte) (b ^ 0x36);
      outerPad[i] = (byte) (b ^ 0x5c);
    }
  }

  /** The pseudonym of an identifier column: "p:" and 64 hex digits. */
  public Column of(Column id) {
    Column inner = functions.unhex(functions.sha2(concat(lit(innerPad), functions.encode(id, "UTF-8")), 256));
    return concat(lit(PREFIX), functions.sha2(concat(lit(outerPad), inner), 256));
  }
}
