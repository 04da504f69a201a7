/**
 * What Lepton shows: small figures drawn with XChart (headless) and compact HTML views of tables
 * and profiles, with every user value escaped and colours left to the page so they read in light
 * and dark themes.
 */
package ai.lepton.plot;
