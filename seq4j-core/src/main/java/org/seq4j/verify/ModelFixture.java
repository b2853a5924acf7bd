package org.seq4j.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seq4j.autograd.Activation;
import org.seq4j.layers.Dense;
import org.seq4j.layers.Embedding;
import org.seq4j.layers.Weight;
import org.seq4j.layers.rnn.LSTM;
import org.seq4j.losses.BinaryCrossentropy;
import org.seq4j.optim.Adam;
import org.seq4j.tensor.Tensor;
import org.seq4j.train.Feed;
import org.seq4j.train.Sequential;

/**
 * The {@code imdb_like_model} reference: Embedding(V, E, mask_zero) → LSTM(H) → Dense(1, sigmoid), binary
 * cross-entropy, Adam with Keras' update rule, three full-batch steps. Checks the three losses, the gradients of the
 * first step and the weights after the third, which pins the whole training path (masking, BPTT, loss, optimizer).
 */
public final class ModelFixture {
    /** Fixture weight keys in the model's weight order. */
    private static final List<String> KEYS = List.of("embedding", "kernel", "recurrent_kernel", "bias", "dense_kernel", "dense_bias");

    private ModelFixture() {}

    @SuppressWarnings("unchecked")
    public static double check(Map<String, Object> f) {
        int vocab = ((Number) f.get("vocab")).intValue();
        int e = ((Number) f.get("embedding_dim")).intValue();
        int h = ((Number) f.get("units")).intValue();
        double lr = ((Number) f.get("lr")).doubleValue();
        int steps = ((Number) f.get("steps")).intValue();
        Sequential model = Sequential.of(new Embedding(vocab, e, true, null), new LSTM(h), new Dense(1, Activation.SIGMOID));
        model.build(org.seq4j.layers.Layer.NONE);
        List<Weight> weights = new ArrayList<>(model.namedWeights().values());
        if (weights.size() != KEYS.size()) throw new IllegalStateException("model has " + weights.size() + " weights, fixture " + KEYS.size());
        Map<String, Object> init = (Map<String, Object>) f.get("initial_weights");
        for (int i = 0; i < KEYS.size(); i++) {
            Tensor src = NestedArrays.toTensor(init.get(KEYS.get(i)));
            float[] dst = weights.get(i).variable().data();
            if (src.size() != dst.length) {
                throw new IllegalArgumentException("fixture weight " + KEYS.get(i) + " has " + src.size() + " values, model weight "
                        + weights.get(i).name() + " has " + dst.length);
            }
            System.arraycopy(src.data(), 0, dst, 0, dst.length);
        }
        model.compile(new Adam(lr), new BinaryCrossentropy(false));
        Tensor ids = NestedArrays.toTensor(f.get("ids"));
        Tensor labels = NestedArrays.toTensor(f.get("labels"));
        Feed feed = new Feed(List.of(ids), List.of(labels.reshape(labels.size(), 1)), null, null);

        double err = 0;
        Map<String, Tensor> grads = model.gradients(feed);
        Map<String, Object> refGrads = (Map<String, Object>) f.get("first_step_grads");
        List<Tensor> g = new ArrayList<>(grads.values());
        for (int i = 0; i < KEYS.size(); i++) {
            err = Math.max(err, NestedArrays.maxAbsDiff(g.get(i).data(), NestedArrays.toDoubles(refGrads.get(KEYS.get(i)))));
        }
        double[] losses = NestedArrays.toDoubles(f.get("losses"));
        for (int s = 0; s < steps; s++) {
            double loss = model.trainOnBatch(feed);
            err = Math.max(err, Math.abs(loss - losses[s]));
        }
        Map<String, Object> fin = (Map<String, Object>) f.get("final_weights");
        for (int i = 0; i < KEYS.size(); i++) {
            err = Math.max(err, NestedArrays.maxAbsDiff(weights.get(i).variable().data(), NestedArrays.toDoubles(fin.get(KEYS.get(i)))));
        }
        return err;
    }
}
