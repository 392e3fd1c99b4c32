package vn.kinhteso.conform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Citizen IDs become HMAC-SHA256 pseudonyms. Same key, same pseudonym, so sellers still join across
 * months and platforms. A UDF, not Spark's sha2 on literal pads: a literal is printed in every plan
 * (EXPLAIN, the UI, error messages), and the pads are as good as the key. A UDF's plan shows its
 * name only; the key travels inside the serialised task.
 */
public final class Pseudonyms {
  public static final String PREFIX = "p:";
  static final String UDF_NAME = "kinhteso_pseudonym";
  private final UserDefinedFunction hmac;

  public Pseudonyms(byte[] key) {
    hmac = functions.udf(new Hmac(key), DataTypes.StringType).withName(UDF_NAME);
  }

  /** The pseudonym of an identifier column: "p:" and 64 hex digits; null stays null. */
  public Column of(Column id) {
    return concat(lit(PREFIX), hmac.apply(id));
  }

  /**
   * The HMAC of one value, hex; one Mac per thread, as Mac is neither thread-safe nor serialisable.
   */
  private static final class Hmac implements UDF1<String, String> {
    private final SecretKeySpec key;
    private transient ThreadLocal<Mac> macs;

    Hmac(byte[] key) {
      this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    @Override
    public String call(String id) throws GeneralSecurityException {
      if (id == null) {
        return null;
      }
      if (macs == null) {
        macs = ThreadLocal.withInitial(this::newMac);
      }
      return HexFormat.of().formatHex(macs.get().doFinal(id.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }

    @Override
    public String toString() {
      return UDF_NAME;
    }
  }
}
