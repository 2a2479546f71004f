package io.rootscope.backend.knowledge;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * Sentence embeddings computed in-process: all-MiniLM-L6-v2 (Reimers and Gurevych, 2019; 384 dimensions, mean pooling,
 * L2-normalised, so cosine distance compares meanings) on the ONNX runtime. The model and its tokenizer ship inside the
 * Maven artifact and the native libraries inside their jars: nothing is downloaded at run time (DJL's tokenizer is put
 * in offline mode so it could not try). The model is loaded once per JVM, on first use (about 90 MB).
 */
public final class SentenceEmbedder {

    public static final int DIMENSION = 384;

    private static final class Model {
        static final EmbeddingModel INSTANCE = load();

        private static EmbeddingModel load() {
            System.setProperty("ai.djl.offline", "true");
            return new AllMiniLmL6V2EmbeddingModel();
        }
    }

    public float[] embed(String text) {
        return Model.INSTANCE.embed(text).content().vector();
    }

    /** The embeddings of {@code texts}, in their order. */
    public List<float[]> embedAll(List<String> texts) {
        return Model.INSTANCE.embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector()).toList();
    }
}
