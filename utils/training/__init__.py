"""The training layer: LoRA fine-tuning with a contrastive loss, its output and merge check, pseudo-pairs
and the command lines. Imports run one way: config <- train <- output <- finetune <- cli. Introduced in
notebooks 04 and 08.
"""
