/**
 * The blockchain as a light client sees it: block headers, the locations of calls within a block,
 * validators' precommits and block certificates, and the proofs that tie a transaction or a call
 * outcome to a certified block.
 *
 * <p>A light client trusts only the validators' consensus keys. A {@link
 * io.polyhost.api.blockchain.BlockProof} turns them into trust in one block header; the header's
 * {@code tx_hash}, {@code error_hash} and {@code state_hash} then anchor the Merkle proofs of
 * {@link io.polyhost.api.proof}. Every {@code verify} method throws {@link
 * io.polyhost.api.proof.ProofVerificationException} naming the failed check.
 */
@NullMarked
package io.polyhost.api.blockchain;

import org.jspecify.annotations.NullMarked;
