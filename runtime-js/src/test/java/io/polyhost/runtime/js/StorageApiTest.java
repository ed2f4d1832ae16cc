package io.polyhost.runtime.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.polyhost.api.error.ErrorKind;
import io.polyhost.api.error.ExecutionException;
import io.polyhost.api.runtime.InstanceSpec;
import io.polyhost.api.service.JsonStrings;
import io.polyhost.api.storage.IndexAccess;
import io.polyhost.api.storage.Serializers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every index type written from JavaScript and read through the Java index API, and back. */
class StorageApiTest {
  private static final String SERVICE =
      """
      export const service = { transactions: {
        write: { id: 0, run(ctx) {
          const s = ctx.storage;
          s.entry('config').set({ fee: 3, names: ['a', 'b'] });
          s.proofEntry('root', { value: 'string' }).set('genesis');
          const balances = s.map('balances');
          balances.put('alice', 100); balances.put('bob', 50); balances.put('carol', 7);
          balances.remove('carol');
          s.proofMap('accounts', { value: 'string' }).put('alice', 'active');
          const log = s.list('log', { value: 'string' });
          log.push('one'); log.push('two'); log.push('three'); log.set(1, 'TWO'); log.pop();
          const hist = s.proofList('history');
          hist.push(1); hist.push(2);
          const seen = s.keySet('seen'); seen.add('x'); seen.add('y'); seen.remove('x');
          s.map('blobs', { key: 'bytes', value: 'bytes' }).put(new Uint8Array([1, 2]), new Uint8Array([255, 0, 7]));
        } },
        read: { id: 1, run(ctx) {
          const s = ctx.storage;
          const balances = s.map('balances');
          const out = {
            fee: s.entry('config').get().fee,
            alice: balances.get('alice'), carol: balances.get('carol'), hasBob: balances.has('bob'),
            keys: balances.keys(), entries: balances.entries({ from: 'b' }), firstKey: balances.keys({ limit: 1 }),
            log: s.list('log', { value: 'string' }).values(), size: s.list('log').size(),
            seen: s.keySet('seen').keys(), hasY: s.keySet('seen').has('y'),
            blob: Array.from(s.map('blobs', { key: 'bytes', value: 'bytes' }).get(new Uint8Array([1, 2]))),
            rootHash: s.proofEntry('root').hash(), mapHash: s.proofMap('accounts').hash(), listHash: s.proofList('history').hash(),
            missing: s.entry('nothing').get() === undefined && !s.entry('nothing').exists(),
            fromJava: s.map('java', { value: 'string' }).get('k'),
          };
          ctx.storage.entry('out').set(out);
        } },
        mismatch: { id: 2, run(ctx) { ctx.storage.list('balances').push(1); } },
        huge: { id: 3, run(ctx) { ctx.storage.entry('big', { value: 'string' }).set('x'.repeat(2 * 1024 * 1024)); } },
        wrongType: { id: 4, run(ctx) { ctx.storage.entry('s', { value: 'string' }).set(42); } },
        page: { id: 5, run(ctx) { ctx.storage.map('balances').keys({ limit: 5000 }); } },
        numbers: { id: 6, run(ctx, texts) {
          const raw = ctx.storage.map('texts', { value: 'string' });
          const json = ctx.storage.map('texts');
          const out = texts.map((text) => {
            raw.put('t', text);
            let read;
            try { read = json.get('t'); } catch (e) { return e.name; }
            json.put('t', read);
            return [Object.is(read, -0) ? '-0' : typeof read + ' ' + String(read), raw.get('t')];
          });
          ctx.storage.entry('numbers').set(out);
        } },
        sameAsJson: { id: 7, run(ctx, texts) {
          const raw = ctx.storage.map('texts', { value: 'string' });
          const json = ctx.storage.map('texts');
          const outcome = (read) => {
            try {
              const v = read();
              const protos = v !== null && typeof v === 'object'
                ? [Object.getPrototypeOf(v) === Object.prototype, Object.keys(v).join('|'),
                   Object.values(v).map((x) => Object.is(x, -0) ? '-0' : typeof x)] : [];
              return JSON.stringify([Object.is(v, -0) ? '-0' : JSON.stringify(v), protos]);
            } catch (e) {
              return e.name;
            }
          };
          const differing = [];
          for (const text of texts) {
            raw.put('t', text);
            if (outcome(() => json.get('t')) !== outcome(() => JSON.parse(text))) {
              differing.push(text);
            }
          }
          ctx.storage.entry('differing').set(differing);
        } },
      } };
      """;

  @TempDir Path dir;
  private JsFixture js;
  private InstanceSpec svc;

  @BeforeEach
  void open() {
    js = new JsFixture(dir);
    svc = js.service(1, "store", SERVICE);
  }

  @AfterEach
  void close() {
    js.close();
  }

  @Test
  void writesAreVisibleThroughTheJavaIndexApi() {
    js.execute(svc, 0, "");
    IndexAccess data = js.data(svc);
    var string = Serializers.string();
    assertThat(data.entry("config", string).get()).contains("{\"fee\":3,\"names\":[\"a\",\"b\"]}");
    assertThat(data.proofEntry("root", string).get()).contains("genesis");
    var balances = data.map("balances", string, string);
    assertThat(balances.get("alice")).contains("100");
    assertThat(balances.containsKey("carol")).isFalse();
    assertThat(data.proofMap("accounts", string, string).get("alice")).contains("active");
    assertThat(data.list("log", string)).containsExactly("one", "TWO");
    assertThat(data.proofList("history", string)).containsExactly("1", "2");
    assertThat(data.keySet("seen", string)).containsExactly("y");
    assertThat(data.map("blobs", Serializers.bytes(), Serializers.bytes()).get(new byte[] {1, 2}))
        .hasValueSatisfying(v -> assertThat(v).containsExactly((byte) 255, 0, 7));
  }

  @Test
  void readsSeeJavaWritesAndProofHashes() {
    js.execute(svc, 0, "");
    IndexAccess data = js.data(svc);
    var string = Serializers.string();
    data.map("java", string, string).put("k", "from java");
    js.execute(svc, 1, "");
    String out = data.entry("out", string).get().orElseThrow();
    assertThat(out)
        .contains("\"fee\":3", "\"alice\":100", "\"hasBob\":true", "\"missing\":true")
        .contains(
            "\"keys\":[\"alice\",\"bob\"]",
            "\"entries\":[[\"bob\",50]]",
            "\"firstKey\":[\"alice\"]")
        .contains("\"log\":[\"one\",\"TWO\"]", "\"size\":2", "\"seen\":[\"y\"]", "\"hasY\":true")
        .contains("\"blob\":[255,0,7]", "\"fromJava\":\"from java\"")
        .contains("\"rootHash\":\"" + data.proofEntry("root", string).objectHash().toHex() + "\"")
        .contains(
            "\"mapHash\":\""
                + data.proofMap("accounts", string, string).objectHash().toHex()
                + "\"")
        .contains(
            "\"listHash\":\"" + data.proofList("history", string).objectHash().toHex() + "\"");
    assertThat(out).doesNotContain("carol");
  }

  /** Numbers read and written as JSON exactly as JSON.parse and JSON.stringify would. */
  @Test
  void jsonNumbersReadAndWriteAsJsonDoes() {
    js.execute(
        svc,
        6,
        "[\"0\", \"-0\", \"7\", \"-12\", \"007\", \"-\", \"1e3\", \" 5\", \"5 \","
            + " \"+5\", \"123456789012345\", \"-123456789012345\", \"12345678901234567890\","
            + " \"9007199254740993\", \"1.50\", \"0x1\", \"\"]");
    assertThat(js.data(svc).entry("numbers", Serializers.string()).get())
        .contains(
            "[[\"number 0\",\"0\"],[\"-0\",\"0\"],[\"number 7\",\"7\"],[\"number -12\",\"-12\"],"
                + "\"SyntaxError\",\"SyntaxError\",[\"number 1000\",\"1000\"],"
                + "[\"number 5\",\"5\"],[\"number 5\",\"5\"],\"SyntaxError\","
                + "[\"number 123456789012345\",\"123456789012345\"],"
                + "[\"number -123456789012345\",\"-123456789012345\"],"
                + "[\"number 12345678901234567000\",\"12345678901234567000\"],"
                + "[\"number 9007199254740992\",\"9007199254740992\"],"
                + "[\"number 1.5\",\"1.5\"],\"SyntaxError\",\"SyntaxError\"]");
  }

  /**
   * Reading JSON values gives exactly what JSON.parse gives, whatever shortcut the runtime takes:
   * edge cases, then random texts made of the pieces the shortcuts look at.
   */
  @Test
  void jsonValuesReadExactlyAsJsonParseReadsThem() {
    long seed = Long.getLong("polyhost.seed", new Random().nextLong());
    System.out.println("jsonValuesReadExactlyAsJsonParseReadsThem seed=" + seed);
    Random random = new Random(seed);
    List<String> texts =
        new ArrayList<>(
            List.of(
                "{}",
                " {} ",
                "{\"a\":1}",
                "{\"from\":1,\"to\":2,\"salt\":3}",
                "{ \"a\" : \"x\" , \"b\" : true, \"c\": false, \"d\": null }",
                "{\"a\":1,\"a\":2}",
                "{\"2\":1,\"1\":2,\"b\":3}",
                "{\"__proto__\":{\"x\":1}}",
                "{\"__proto__\":1}",
                "{\"toString\":1}",
                "{\"constructor\":\"c\"}",
                "{\"a\":-0}",
                "{\"a\":01}",
                "{\"a\":1.5}",
                "{\"a\":1e3}",
                "{\"a\":1,}",
                "{\"a\":1}x",
                "{\"a\" 1}",
                "{a:1}",
                "{\"a\":\"\\u0041\"}",
                "{\"a\":\"é\"}",
                "{\"a\":\"\t\"}",
                "{\"a\":tru}",
                "{\"a\":truex}",
                "{\"a\":123456789012345,\"b\":1234567890123456}",
                "{\"a\":[1]}",
                "{\"a\":{}}",
                "{\"\":1}",
                "{",
                "{\"a\"",
                "{\"a\":",
                "{\"a\":1"));
    String[] pieces = {
      "{",
      "}",
      "\"a\"",
      "\"b\"",
      "\"__proto__\"",
      "\"valueOf\"",
      ":",
      ",",
      " ",
      "\n",
      "0",
      "-0",
      "7",
      "-12",
      "01",
      "1.5",
      "123456789012345",
      "1234567890123456",
      "true",
      "false",
      "null",
      "nul",
      "\"x y\"",
      "\"\\\"\"",
      "\"é\"",
      "[",
      "]",
      "-",
      "e5"
    };
    for (int t = 0; t < 400; t++) {
      StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "" : "{");
      for (int p = random.nextInt(12); p > 0; p--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      if (random.nextBoolean()) {
        text.append('}');
      }
      texts.add(text.toString());
    }
    // Well-formed flat objects too, which random pieces rarely make.
    for (int t = 0; t < 100; t++) {
      StringBuilder text = new StringBuilder("{");
      for (int k = random.nextInt(5); k >= 0; k--) {
        text.append(pieces[2 + random.nextInt(4)]).append(':');
        text.append(pieces[10 + random.nextInt(14)]).append(k > 0 ? "," : "");
      }
      texts.add(text.append('}').toString());
    }
    StringBuilder args = new StringBuilder("[");
    for (String text : texts) {
      args.append(args.length() > 1 ? "," : "").append(JsonStrings.quote(text));
    }
    js.execute(svc, 7, args.append(']').toString());
    assertThat(js.data(svc).entry("differing", Serializers.string()).get()).contains("[]");
  }

  @Test
  void misuseFailsTheCallDeterministically() {
    js.execute(svc, 0, "");
    for (Map.Entry<Integer, String> c :
        Map.of(2, "balances", 3, "too large", 4, "must be a string", 5, "A page holds")
            .entrySet()) {
      assertThatThrownBy(() -> js.execute(svc, c.getKey(), ""))
          .as("transaction %s", c.getKey())
          .isInstanceOfSatisfying(
              ExecutionException.class,
              e -> {
                assertThat(e.error().kind()).isEqualTo(ErrorKind.UNEXPECTED);
                assertThat(e.error().description()).contains(c.getValue());
              });
    }
    assertThat(js.data(svc).list("log", Serializers.string())).hasSize(2);
    assertThat(List.of(js.data(svc).entry("big", Serializers.string()).isPresent()))
        .containsExactly(false);
  }
}
