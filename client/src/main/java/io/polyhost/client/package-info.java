/**
 * A light client of a Polyhost node, over its HTTP API and nothing else.
 *
 * <ul>
 *   <li>{@link io.polyhost.client.NodeClient}: the public API of one node: a service's published
 *       interface, submission, waiting for a transaction's block, its outcome with proofs, service
 *       reads, the validators' keys.
 *   <li>{@link io.polyhost.client.PublishedInterface}: encodes JSON arguments into the bytes a
 *       method takes (a protobuf message described by the service, or JSON text).
 *   <li>{@link io.polyhost.client.Transactions}: signs a call as a {@code SignedTransaction}.
 *   <li>{@link io.polyhost.client.StateProof}: verifies a proven read (block, index and entry
 *       proofs) against validator keys the caller trusts.
 *   <li>{@link io.polyhost.client.NodeHttp}: the JSON transport, for endpoints the client does not
 *       wrap (e.g. the supervisor's private API).
 * </ul>
 *
 * <p>Every answer is checked: a node that answers something malformed gets a {@link
 * io.polyhost.client.MalformedAnswerException}, one that refuses a {@link
 * io.polyhost.client.NodeProblemException} with its problem detail, and a proof that does not hold
 * an {@link io.polyhost.api.proof.ProofVerificationException}; nothing passes silently.
 */
@NullMarked
package io.polyhost.client;

import org.jspecify.annotations.NullMarked;
