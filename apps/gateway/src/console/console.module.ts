import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { DevSessionController } from './dev-session.controller.js';

/** The console's server side: development sign-in (the built files are served by consoleStatic, before Nest's router). */
@Module({ imports: [IdentityModule], controllers: [DevSessionController] })
export class ConsoleModule {}
