package io.polyhost.runtime.js;

import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The program {@link ForkedJvmDeterminismIT} runs in child JVMs started with different default time
 * zones and locales: the same transactions, full of locale- and time-sensitive operations, on a
 * fresh node; prints what they stored and the state hash, or why the runtime refused to start.
 */
public final class LocaleProbe {
  static final String SERVICE =
      """
      export const service = { transactions: { probe: { id: 0, run(ctx, args) {
        const d = new Date(Date.UTC(2026, 10, 21, 22, 15, 30));
        const words = ['Zebra', 'apple', '\u00c4pfel', '\u0131l\u0131k', 'Istanbul', '\u00e9clair', 'zoo'];
        ctx.storage.proofMap('probes').put(String(args.i), {
          upper: 'istanbul \u0131l\u0131k \u00df'.toUpperCase(),
          lower: '\u0130STANBUL I'.toLowerCase(),
          localeUpper: 'istanbul'.toLocaleUpperCase(),
          localeLower: 'I'.toLocaleLowerCase(),
          sorted: words.slice().sort(),
          localeSorted: words.slice().sort((a, b) => a.localeCompare(b)),
          number: (1234567.891 * args.i).toLocaleString(),
          fixed: (0.1 + 0.2).toFixed(20),
          date: d.toString(), dateLocale: d.toLocaleString(),
          dateOnly: d.toLocaleDateString(), time: d.toLocaleTimeString(),
          hours: d.getHours(), day: d.getDay(), offset: d.getTimezoneOffset(),
          now: new Date().toString(), local: new Date(2026, 0, 1, 0, 0).getTime(),
          parsed: Date.parse('2026-11-21T10:15:30'),
          math: [Math.sin(args.x), Math.exp(args.x), Math.cbrt(args.x), Math.pow(args.x, 0.3)],
          random: Math.random(),
          text: String(1e21) + ' ' + (1 / 3) + ' ' + parseFloat('3,14') + ' ' + Number('1e-7'),
        });
      } } } };
      """;

  private LocaleProbe() {}

  /**
   * Args: the data folder. Prints {@code PROBE <json>} and {@code STATE <hash>}, or {@code REFUSED
   * <why>}.
   */
  public static void main(String[] args) {
    System.out.println(
        "DEFAULTS " + TimeZone.getDefault().getID() + " " + Locale.getDefault().toLanguageTag());
    JsFixture js;
    try {
      js = new JsFixture(Path.of(args[0]));
    } catch (IllegalStateException e) {
      System.out.println("REFUSED " + e.getMessage());
      System.exit(0);
      return;
    }
    try (js) {
      InstanceSpec probe = js.service(1, "probe", SERVICE);
      for (int i = 0; i < 8; i++) {
        js.execute(probe, 0, "{\"i\": " + i + ", \"x\": " + (i * 0.37 - 1) + "}", "probe " + i);
      }
      System.out.println(
          "PROBE "
              + js.data(probe)
                  .proofMap("probes", Serializers.string(), Serializers.string())
                  .get("5")
                  .orElseThrow());
      System.out.println("STATE " + js.fork.stateHash().toHex());
    }
    System.exit(0);
  }
}
