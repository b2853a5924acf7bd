package org.seq4j.layers.rnn;

import java.util.Map;
import org.seq4j.autograd.Activation;
import org.seq4j.tensor.Tensor;

/**
 * Long Short-Term Memory (Hochreiter &amp; Schmidhuber 1997, "Long Short-Term Memory"; the forget gate is Gers,
 * Schmidhuber &amp; Cummins 2000, "Learning to Forget"), Keras' {@code LSTM}.
 *
 * <pre>
 *   i_t = σ(x_t·W_i + h_{t−1}·U_i + b_i)          input gate
 *   f_t = σ(x_t·W_f + h_{t−1}·U_f + b_f)          forget gate
 *   g_t = φ(x_t·W_c + h_{t−1}·U_c + b_c)          candidate
 *   o_t = σ(x_t·W_o + h_{t−1}·U_o + b_o)          output gate
 *   c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t
 *   h_t = o_t ⊙ φ(c_t)
 * </pre>
 * σ is the recurrent activation (sigmoid), φ the activation (tanh). Weights: {@code lstm_cell/kernel} (I, 4H),
 * {@code lstm_cell/recurrent_kernel} (H, 4H), {@code lstm_cell/bias} (4H), gate blocks in the order i, f, c, o.
 * With {@code unitForgetBias} (default) the forget block of the bias starts at 1 (Jozefowicz et al. 2015).
 * Parameters: 4H(I + H + 1); LSTM(128) on 64 inputs has 98,816.
 *
 * <p>Inputs {@code [x]} or {@code [x, h0, c0]}; outputs {@code [y]} or, with returnState, {@code [y, h, c]}. See
 * {@link RecurrentLayer} for masking, dropout and the options.
 */
public final class LSTM extends RecurrentLayer<LSTM> {
    private boolean unitForgetBias = true;

    public LSTM(int units) {
        this(units, null);
    }

    /** @param name the layer name, or null for Keras' automatic one ({@code lstm}, {@code lstm_1}, …) */
    public LSTM(int units, String name) {
        super(units, name);
    }

    /** Whether the forget-gate bias starts at 1 (Keras default true). */
    public LSTM withUnitForgetBias(boolean unitForgetBias) {
        checkNotBuilt("unitForgetBias");
        this.unitForgetBias = unitForgetBias;
        return this;
    }

    /** The gate activation σ (default sigmoid). */
    public LSTM withRecurrentActivation(Activation recurrentActivation) {
        setRecurrentActivation(recurrentActivation);
        return this;
    }

    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    public Activation recurrentActivation() {
        return recurrentActivationValue();
    }

    /** An LSTM from its {@link #config()} (Keras {@code from_config}). */
    public static LSTM fromConfig(Map<String, Object> config) {
        LSTM l = new LSTM(units(config), name(config)).applyConfig(config);
        return l.withUnitForgetBias(bool(config, "unit_forget_bias", true));
    }

    @Override
    LSTM recreate(Map<String, Object> config) {
        return fromConfig(config);
    }

    @Override
    String cellName() {
        return "lstm_cell";
    }

    @Override
    RecurrentOp.Cell cell() {
        return new RecurrentOp.Cell(RecurrentOp.Kind.LSTM, activation(), recurrentActivationValue(), false);
    }

    @Override
    Tensor initialBias() {
        Tensor b = Tensor.zeros(4 * units());
        if (unitForgetBias) java.util.Arrays.fill(b.data(), units(), 2 * units(), 1f);
        return b;
    }

    @Override
    void cellConfig(Map<String, Object> c) {
        c.put("unit_forget_bias", unitForgetBias);
        c.put("implementation", 2);
    }
}
