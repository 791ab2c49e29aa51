//! Entry point: parse the command line, then open the window or run one command.

use std::process::ExitCode;

use clap::Parser;

use aftersales::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = cli::db_path(&cli).and_then(|db| {
        // The default database lives in the user's data folder, made on first use, by the
        // window or by a command (`demo` on a new machine); a folder given with --db must
        // exist.
        if cli.db.is_none()
            && let Some(folder) = db.parent()
        {
            std::fs::create_dir_all(folder)?;
        }
        match &cli.command {
            Some(command) => cli::run(command, &db),
            None => aftersales::app::run(db),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("aftersales: {}", cli::one_line(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}
