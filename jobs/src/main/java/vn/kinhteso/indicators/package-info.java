/**
 * Stage 3, the methodology: its formulas, named as docs/methodology.md names them ({@link
 * vn.kinhteso.indicators.UnitAccounts}, {@link vn.kinhteso.indicators.DigitalWeight}, {@link
 * vn.kinhteso.indicators.DigitalValueAdded}, {@link vn.kinhteso.indicators.DigitalEconomyShare},
 * {@link vn.kinhteso.indicators.AssumptionInterval}, {@link
 * vn.kinhteso.indicators.LabourProductivity}, {@link vn.kinhteso.indicators.DigitalIndicators}).
 * Silver in, gold out, Dataset to Dataset; nothing here reads or writes the lake.
 */
package vn.kinhteso.indicators;
