"""The print path: documents of a case onto a printer (through Qt's print dialog or the default printer)
or into PDF files; every print or save audited."""
