// Links model/default.safetensors into the binary as read-only data. The assembler
// finds the file through the target's header search path (Package.swift). After
// replacing the model, touch this file so the build picks up the new bytes.
#if defined(__APPLE__)
    .section __TEXT,__const
    .globl _sentiment_default_model_start
    .p2align 4
_sentiment_default_model_start:
    .incbin "default.safetensors"
    .globl _sentiment_default_model_end
_sentiment_default_model_end:
#else
    .section .rodata
    .globl sentiment_default_model_start
    .balign 16
sentiment_default_model_start:
    .incbin "default.safetensors"
    .globl sentiment_default_model_end
sentiment_default_model_end:
    .section .note.GNU-stack,"",@progbits
#endif
