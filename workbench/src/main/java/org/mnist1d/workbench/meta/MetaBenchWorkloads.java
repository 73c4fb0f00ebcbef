package org.mnist1d.workbench.meta;

import java.util.List;
import org.mnist1d.workbench.cli.BenchWorkload;
import org.mnist1d.workbench.data.Mnist1d;
import org.mnist1d.workbench.data.Mnist1dArgs;
import org.mnist1d.workbench.data.Mnist1dData;

/** The metalearning benchmark workloads: one outer step of each published setup. */
public final class MetaBenchWorkloads {
  private MetaBenchWorkloads() {}

  /** Both workloads, learning rate first. */
  public static List<BenchWorkload> all() {
    return List.of(learningRateOuterStep(), activationOuterStep());
  }

  /** The default dataset with {@code numSamples} samples (10000 for the activation experiment). */
  public static Mnist1dData dataset(int numSamples) {
    Mnist1dArgs d = Mnist1dArgs.defaults();
    return Mnist1d.generate(new Mnist1dArgs(numSamples, d.trainSplit(), d.templateLen(), d.paddingLow(),
        d.paddingHigh(), d.scaleCoeff(), d.maxTranslation(), d.corrNoiseScale(), d.iidNoiseScale(), d.shearScale(),
        d.shuffleSeq(), d.finalSeqLength(), d.seed()));
  }

  /** 200 SGD steps of MLP 40-50-10 with the exact d(meta-loss)/d(lr). */
  public static BenchWorkload learningRateOuterStep() {
    return new BenchWorkload() {
      @Override
      public String name() {
        return "metalearn-lr-outer-step";
      }

      @Override
      public String description() {
        return "one outer step of metalearn-lr: 200 inner SGD steps (MLP 40-50-10, batch 50) and d(meta-loss)/d(lr)";
      }

      @Override
      public Trial prepare() {
        LearningRateProblem problem = new LearningRateProblem(dataset(Mnist1dArgs.defaults().numSamples()),
            LearningRateProblem.Settings.published());
        return new Trial() {
          @Override
          public void runOnce() {
            problem.outerStep(1.5);
          }

          @Override
          public void close() {
            problem.close();
          }
        };
      }
    };
  }

  /** 301 RMSProp steps of MLP 40-128-10 with the learned activation, metagradient and test accuracy. */
  public static BenchWorkload activationOuterStep() {
    return new BenchWorkload() {
      @Override
      public String name() {
        return "metalearn-activation-outer-step";
      }

      @Override
      public String description() {
        return "one outer step of metalearn-activation: 301 inner steps (MLP 40-128-10, batch 100), the metagradient"
            + " w.r.t. the activation MLP by per-step recomputation, and test accuracy on 500 examples";
      }

      @Override
      public int warmup() {
        return 1;
      }

      @Override
      public int iterations() {
        return 3;
      }

      @Override
      public Trial prepare() {
        ActivationProblem problem = new ActivationProblem(dataset(10000), ActivationProblem.Settings.published());
        double[] params = problem.initialActivation();
        return new Trial() {
          @Override
          public void runOnce() {
            problem.outerStep(params);
          }

          @Override
          public void close() {
            problem.close();
          }
        };
      }
    };
  }
}
