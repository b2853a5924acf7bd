package org.seq4j.layers.rnn;

import java.util.Map;
import org.seq4j.autograd.Activation;
import org.seq4j.tensor.Tensor;

/**
 * Gated Recurrent Unit (Cho et al. 2014, "Learning Phrase Representations using RNN Encoder–Decoder for
 * Statistical Machine Translation"), Keras' {@code GRU}.
 *
 * <pre>
 *   z_t = σ(x_t·W_z + h_{t−1}·U_z + b_z)                          update gate
 *   r_t = σ(x_t·W_r + h_{t−1}·U_r + b_r)                          reset gate
 *   reset_after = true (default, cuDNN-compatible):
 *       ĥ_t = φ(x_t·W_h + b_h + r_t ⊙ (h_{t−1}·U_h + b'_h))       b' the recurrent bias
 *   reset_after = false (the original paper's form):
 *       ĥ_t = φ(x_t·W_h + b_h + (r_t ⊙ h_{t−1})·U_h)
 *   h_t = z_t ⊙ h_{t−1} + (1 − z_t) ⊙ ĥ_t
 * </pre>
 * σ is the recurrent activation (sigmoid), φ the activation (tanh). Weights: {@code gru_cell/kernel} (I, 3H),
 * {@code gru_cell/recurrent_kernel} (H, 3H), gate blocks in the order z, r, h; {@code gru_cell/bias} is (2, 3H)
 * with reset_after (input bias, recurrent bias), else (3H). Parameters: 3H(I + H + 2) with reset_after,
 * 3H(I + H + 1) without.
 *
 * <p>Inputs {@code [x]} or {@code [x, h0]}; outputs {@code [y]} or, with returnState, {@code [y, h]}. See
 * {@link RecurrentLayer} for masking, dropout and the options.
 */
public final class GRU extends RecurrentLayer<GRU> {
    private boolean resetAfter = true;

    public GRU(int units) {
        this(units, null);
    }

    /** @param name the layer name, or null for Keras' automatic one ({@code gru}, {@code gru_1}, …) */
    public GRU(int units, String name) {
        super(units, name);
    }

    /** Whether the reset gate applies after the recurrent product (Keras default true, cuDNN-compatible). */
    public GRU withResetAfter(boolean resetAfter) {
        checkNotBuilt("resetAfter");
        this.resetAfter = resetAfter;
        return this;
    }

    /** The gate activation σ (default sigmoid). */
    public GRU withRecurrentActivation(Activation recurrentActivation) {
        setRecurrentActivation(recurrentActivation);
        return this;
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    public Activation recurrentActivation() {
        return recurrentActivationValue();
    }

    /** A GRU from its {@link #config()} (Keras {@code from_config}). */
    public static GRU fromConfig(Map<String, Object> config) {
        GRU l = new GRU(units(config), name(config)).applyConfig(config);
        return l.withResetAfter(bool(config, "reset_after", true));
    }

    @Override
    GRU recreate(Map<String, Object> config) {
        return fromConfig(config);
    }

    @Override
    String cellName() {
        return "gru_cell";
    }

    @Override
    RecurrentOp.Cell cell() {
        return new RecurrentOp.Cell(RecurrentOp.Kind.GRU, activation(), recurrentActivationValue(), resetAfter);
    }

    @Override
    Tensor initialBias() {
        return resetAfter ? Tensor.zeros(2, 3 * units()) : Tensor.zeros(3 * units());
    }

    @Override
    void cellConfig(Map<String, Object> c) {
        c.put("implementation", 2);
        c.put("reset_after", resetAfter);
    }
}
