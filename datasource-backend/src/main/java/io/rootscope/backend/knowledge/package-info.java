/**
 * The runbook knowledge base: runbooks as code (Markdown and YAML files, {@link io.rootscope.backend.knowledge.RunbookParser})
 * loaded per tenant into {@code kb_doc}/{@code kb_chunk} one chunk per section ({@link io.rootscope.backend.knowledge.RunbookLoader}),
 * embedded in-process by a sentence model ({@link io.rootscope.backend.knowledge.SentenceEmbedder}), and found for an
 * incident's root causes by hybrid ranking ({@link io.rootscope.backend.knowledge.RunbookFinder}). A service: may use
 * storage, support and {@code rca}'s pgvector text form, never {@code http} or {@code query}.
 */
package io.rootscope.backend.knowledge;
