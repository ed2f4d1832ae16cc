/**
 * The node's HTTP API on Helidon SE: one server with a public listener (explorer) and a private
 * listener (system endpoints), both on loopback unless configured otherwise.
 *
 * <p>Encodings follow Exonum's explorer: hashes, public keys and signed messages are lowercase hex
 * (a transaction is submitted as {@code {"tx_body": "<hex of the signed message>"}}); field names
 * are snake_case; times are ISO-8601 in UTC. Every error is a JSON problem detail (RFC 9457, {@code
 * application/problem+json} with {@code type}, {@code title}, {@code status}, {@code detail});
 * statuses are chosen in {@link io.polyhost.host.http.ApiProblem} and written in one place only.
 */
@NullMarked
package io.polyhost.host.http;

import org.jspecify.annotations.NullMarked;
