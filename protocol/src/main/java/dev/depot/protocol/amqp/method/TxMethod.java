package dev.depot.protocol.amqp.method;

/** Class 90, tx: transactions. None of its methods has arguments. */
public sealed interface TxMethod extends Method {

    record Select() implements TxMethod {
        static Select read(MethodReader in) {
            return new Select();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.TX_SELECT;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record SelectOk() implements TxMethod {
        static SelectOk read(MethodReader in) {
            return new SelectOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.TX_SELECT_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record Commit() implements TxMethod {
        static Commit read(MethodReader in) {
            return new Commit();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.TX_COMMIT;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record CommitOk() implements TxMethod {
        static CommitOk read(MethodReader in) {
            return new CommitOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.TX_COMMIT_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record Rollback() implements TxMethod {
        static Rollback read(MethodReader in) {
            return new Rollback();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.TX_ROLLBACK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }

    record RollbackOk() implements TxMethod {
        static RollbackOk read(MethodReader in) {
            return new RollbackOk();
        }

        @Override
        public MethodKind kind() {
            return MethodKind.TX_ROLLBACK_OK;
        }

        @Override
        public void write(MethodWriter out) {
        }
    }
}
