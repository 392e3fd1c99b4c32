package vn.kinhteso.generate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Enterprise tax codes (mã số thuế) as {@code reference-data.md} defines them, and 12-digit citizen
 * IDs. Keeps every id handed out so that none is handed out twice.
 */
final class TaxIds {
  private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  private final Set<String> used = new HashSet<>();

  /** The check digit of the first nine digits, or -1 when the formula gives 10 (no valid code). */
  static int checkDigit(CharSequence digits) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += WEIGHTS[i] * (digits.charAt(i) - '0');
    }
    int d = 10 - sum % 11;
    return d == 10 ? -1 : d;
  }

  static boolean isValid(String id) {
    if (id == null) {
      return false;
    }
    String base = id;
    if (id.length() == 14 && id.charAt(10) == '-') {
      String suffix = id.substring(11);
      if (!suffix.chars().allMatch(Character::isDigit) || suffix.equals("000")) {
        return false;
      }
      base = id.substring(0, 10);
    }
    if (base.length() != 10
        || !base.chars().allMatch(Character::isDigit)
        || base.substring(2, 9).equals("0000000")) {
      return false;
    }
    int c = checkDigit(base);
    return c >= 0 && c == base.charAt(9) - '0';
  }

  /** A fresh valid 10-digit code starting with the given two-digit tax-office prefix. */
  String enterprise(SplittableRandom rng, String prefix) {
    while (true) {
      StringBuilder b = new StringBuilder(prefix);
      for (int i = 0; i < 7; i++) {
        b.append((char) ('0' + rng.nextInt(10)));
      }
      int c = checkDigit(b);
      if (c < 0 || b.substring(2, 9).equals("0000000")) {
        continue;
      }
      String id = b.append((char) ('0' + c)).toString();
      if (used.add(id)) {
        return id;
      }
    }
  }

  /** A fresh code of the same shape whose check digit is wrong. */
  String withWrongCheckDigit(SplittableRandom rng, String prefix) {
    String valid = enterprise(rng, prefix);
    int wrong = (valid.charAt(9) - '0' + 1 + rng.nextInt(8)) % 10;
    return valid.substring(0, 9) + wrong;
  }

  /**
   * A fresh 12-digit citizen ID: birth-province code, gender-and-century digit, two digits of the
   * birth year, six digits.
   */
  String citizen(SplittableRandom rng, String birthProvince) {
    while (true) {
      int century = rng.nextInt(10) < 8 ? 0 : 2;
      int year = century == 0 ? 60 + rng.nextInt(40) : rng.nextInt(6);
      String id =
          String.format(
              Locale.ROOT,
              "0%s%d%02d%06d",
              birthProvince,
              century + rng.nextInt(2),
              year,
              rng.nextInt(1_000_000));
      if (used.add(id)) {
        return id;
      }
    }
  }
}
