import { Module } from '@nestjs/common';
import { ObjectionMarks } from './objection-marks.service.js';

/** The fields under objection, for the exchange path to show and the corrections workflow to change. */
@Module({ providers: [ObjectionMarks], exports: [ObjectionMarks] })
export class ObjectionMarksModule {}
