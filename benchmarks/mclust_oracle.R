# R's mclust as a reference for GMM Desktop (read by benchmarks/bench_mclust.py and
# tests/engine/test_mclust_oracle.py). Usage: Rscript mclust_oracle.R OUT_DIR MAX_K SET [SET ...]
# Writes OUT_DIR/SET.csv (the data), OUT_DIR/SET.fits.csv (one line per fitted (K, model):
# loglik, BIC and the parameters) and OUT_DIR/SET.chosen.csv (Mclust's choice and its time).
suppressPackageStartupMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
max_k <- as.integer(args[2])
wanted <- args[-(1:2)]

load_set <- function(name) {
  get_mclust <- function(n) { e <- new.env(); data(list = n, package = "mclust", envir = e); e[[n]] }
  switch(name,
    faithful = faithful,
    iris = iris[, 1:4],
    trees = trees,
    swiss = swiss,
    USArrests = USArrests,
    diabetes = get_mclust("diabetes")[, -1],
    thyroid = get_mclust("thyroid")[, -1],
    banknote = get_mclust("banknote")[, -1],
    acidity = get_mclust("acidity"),
    wdbc = get_mclust("wdbc")[, c("Texture_mean", "Area_extreme", "Smoothness_extreme")],
    stop("unknown data set ", name))
}

# Our covariance types and mclust's model names (one column: V is full/diag/spherical, E tied).
types <- c("full", "diag", "spherical", "tied")
multi <- c(full = "VVV", diag = "VVI", spherical = "VII", tied = "EEE")
single <- c(full = "V", diag = "V", spherical = "V", tied = "E")

flat <- function(v) paste(format(as.vector(v), digits = 17), collapse = " ")

for (name in wanted) {
  x <- as.matrix(as.data.frame(load_set(name)))
  if (is.null(colnames(x))) colnames(x) <- "x"
  write.csv(x, file.path(out, paste0(name, ".csv")), row.names = FALSE)
  d <- ncol(x)
  names_of <- if (d == 1) single else multi
  models <- unique(unname(names_of))
  elapsed <- system.time(fit <- Mclust(x, G = 1:max_k, modelNames = models, verbose = FALSE))
  bic <- fit$BIC
  lines <- c()
  for (k in 1:max_k) {
    for (type in types) {
      model <- names_of[[type]]
      value <- bic[as.character(k), model]
      if (is.na(value)) {
        lines <- c(lines, paste(name, k, type, model, "NA", "NA", "", "", "", sep = ","))
        next
      }
      s <- summary(bic, x, G = k, modelNames = model)
      p <- s$parameters
      sigma <- if (d == 1) rep_len(p$variance$sigmasq, k) else p$variance$sigma
      lines <- c(lines, paste(name, k, type, model, format(s$loglik, digits = 17),
                              format(value, digits = 17), flat(rep_len(p$pro, k)),
                              flat(p$mean), flat(sigma), sep = ","))
    }
  }
  writeLines(c("set,k,type,model,loglik,bic,pro,mean,sigma", lines),
             file.path(out, paste0(name, ".fits.csv")))
  writeLines(c("set,model,k,bic,seconds",
               paste(name, fit$modelName, fit$G, format(fit$bic, digits = 17),
                     format(elapsed[["elapsed"]], digits = 6), sep = ",")),
             file.path(out, paste0(name, ".chosen.csv")))
}
